-- Indicator bibob_onderzoeken: Bibob investigations per month of plan year $jaar, all domains
-- (the 2026 pilot applies Bibob organisation-wide). One investigation = one handhaving row with
-- instrument bibob_onderzoek, dated when it started. Every month is listed (0 when none);
-- gemeten_tot is the newest date in the handhaving export, i.e. how far the measurement reaches.
with maanden as (

    select make_date(cast($jaar as integer), cast(m as integer), 1) as maand
    from range(1, 13) as r(m)

),

onderzoeken as (

    select cast(date_trunc('month', datum) as date) as maand, count(*) as waarde
    from handhaving
    where instrument = 'bibob_onderzoek'
      and datum >= make_date(cast($jaar as integer), 1, 1)
      and datum < make_date(cast($jaar as integer) + 1, 1, 1)
    group by 1

),

bereik as (

    select max(datum) as gemeten_tot
    from handhaving

),

final as (

    select
        maanden.maand,
        cast(coalesce(onderzoeken.waarde, 0) as bigint) as waarde,
        cast(sum(coalesce(onderzoeken.waarde, 0)) over (order by maanden.maand) as bigint)
            as cumulatief,
        bereik.gemeten_tot
    from maanden
    left join onderzoeken on onderzoeken.maand = maanden.maand
    cross join bereik
    order by maanden.maand

)

select * from final
