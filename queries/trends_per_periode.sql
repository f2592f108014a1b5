-- Counts per month or quarter ($eenheid: 'maand' | 'kwartaal') per series for the chosen
-- sources ($bronnen: list of 'signalen', 'm_meldingen', 'handhaving') in [$van, $tot].
-- Series ($indeling): 'thema', or 'gebied' (aandachtsgebied). Only signals carry a gebied;
-- a handhaving action takes the gebied of its signal; rows without one are left out there.
-- Counting rule: an M-melding registered as a signal counts once, as that signal, when
-- signalen are among the chosen sources. Months without rows count 0 (so lines do not skip).
with signaal_rijen as (
    select 'signalen' as bron, datum_ontvangst as datum, thema, gebied
    from signalen
    where datum_ontvangst between $van and $tot
),

melding_rijen as (
    select 'm_meldingen' as bron, m.datum_ontvangst as datum, m.thema, null as gebied
    from m_meldingen as m
    where m.datum_ontvangst between $van and $tot
      and not (
          list_contains($bronnen, 'signalen')
          and exists (select 1 from signalen as s where s.signaal_id = m.gekoppeld_signaal_id)
      )
),

handhaving_rijen as (
    select 'handhaving' as bron, h.datum, coalesce(h.thema, 'onbekend') as thema, s.gebied
    from handhaving as h
    left join signalen as s on s.signaal_id = h.signaal_id
    where h.datum between $van and $tot
),

rijen as (
    select * from signaal_rijen
    union all select * from melding_rijen
    union all select * from handhaving_rijen
),

ingedeeld as (
    select
        case when $eenheid = 'kwartaal' then cast(date_trunc('quarter', datum) as date)
             else cast(date_trunc('month', datum) as date) end as periode,
        case when $indeling = 'gebied' then gebied else thema end as reeks
    from rijen
    where list_contains($bronnen, bron)
      and ($indeling <> 'gebied' or gebied is not null)
),

tellingen as (
    select periode, reeks, count(*) as aantal
    from ingedeeld
    group by 1, 2
),

maanden as (
    select cast(range as date) as periode
    from range(cast(date_trunc('month', cast($van as date)) as timestamp),
               cast(cast($tot as date) as timestamp) + interval 1 day, interval 1 month)
),

perioden as (
    select distinct
        case when $eenheid = 'kwartaal' then cast(date_trunc('quarter', periode) as date)
             else periode end as periode
    from maanden
),

reeksen as (
    select distinct reeks from tellingen
),

final as (
    select p.periode, r.reeks, coalesce(t.aantal, 0) as aantal
    from perioden as p
    cross join reeksen as r
    left join tellingen as t on t.periode = p.periode and t.reeks = r.reeks
    order by p.periode, r.reeks
)

select * from final
