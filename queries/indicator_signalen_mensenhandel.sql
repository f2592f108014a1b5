-- Indicator signalen_mensenhandel: signalen en meldingen with thema mensenhandel received per month
-- of plan year $jaar (a measure of alertness and meldingsbereidheid on this theme).
-- Counting rule: an M-melding that was registered as a signaal (gekoppeld_signaal_id points to
-- an existing signaal) counts once, through that signaal; unlinked M-meldingen count themselves.
-- Every month is listed (0 when none); gemeten_tot is the newest receipt date in either export.
with maanden as (

    select make_date(cast($jaar as integer), cast(m as integer), 1) as maand
    from range(1, 13) as r(m)

),

signalen_thema as (

    select datum_ontvangst
    from signalen
    where thema = 'mensenhandel'

),

meldingen_los as (

    select m.datum_ontvangst
    from m_meldingen as m
    left join signalen as s on s.signaal_id = m.gekoppeld_signaal_id
    where m.thema = 'mensenhandel'
      and s.signaal_id is null

),

ontvangen as (

    select cast(date_trunc('month', datum_ontvangst) as date) as maand, count(*) as waarde
    from (select * from signalen_thema union all select * from meldingen_los)
    where datum_ontvangst >= make_date(cast($jaar as integer), 1, 1)
      and datum_ontvangst < make_date(cast($jaar as integer) + 1, 1, 1)
    group by 1

),

bereik as (

    select max(datum_ontvangst) as gemeten_tot
    from (
        select datum_ontvangst from signalen
        union all
        select datum_ontvangst from m_meldingen
    )

),

final as (

    select
        maanden.maand,
        cast(coalesce(ontvangen.waarde, 0) as bigint) as waarde,
        cast(sum(coalesce(ontvangen.waarde, 0)) over (order by maanden.maand) as bigint)
            as cumulatief,
        bereik.gemeten_tot
    from maanden
    left join ontvangen on ontvangen.maand = maanden.maand
    cross join bereik
    order by maanden.maand

)

select * from final
