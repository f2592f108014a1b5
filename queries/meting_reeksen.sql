-- Measures ($maten, added together) per month or quarter ($eenheid: 'maand' | 'kwartaal') and
-- per category of one dimension ($dimensie, as in meting_per_categorie) over [$van, $tot].
-- Every period is listed for every category that occurs (0 when none), so lines do not skip;
-- rows without a value for the dimension are left out. periode is the period's first day.
with metingen as (

    select
        case when $eenheid = 'kwartaal' then cast(date_trunc('quarter', datum) as date)
             else cast(date_trunc('month', datum) as date) end as periode,
        categorie($dimensie, fct_metingen) as reeks,
        coalesce(waarde, 1) as waarde
    from fct_metingen
    where list_contains($maten, maat)
      and datum between cast($van as date) and cast($tot as date)
      and gemeente = $gemeente

),

tellingen as (

    select periode, reeks, cast(sum(waarde) as bigint) as aantal
    from metingen
    where reeks is not null
    group by periode, reeks

),

perioden as (

    select distinct
        case when $eenheid = 'kwartaal' then cast(date_trunc('quarter', range) as date)
             else cast(range as date) end as periode
    from range(cast(date_trunc('month', cast($van as date)) as timestamp),
               cast(cast($tot as date) as timestamp) + interval 1 day, interval 1 month)

),

final as (

    select p.periode, r.reeks, coalesce(t.aantal, 0) as aantal
    from perioden as p
    cross join (select distinct reeks from tellingen) as r
    left join tellingen as t on t.periode = p.periode and t.reeks = r.reeks
    order by p.periode, r.reeks

)

select * from final
