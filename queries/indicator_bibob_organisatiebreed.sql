-- Indicator bibob_organisatiebreed: Bibob investigations per month of plan year $jaar outside
-- the standard exploitatievergunning (omgevingsvergunning, vastgoed, subsidie, aanbesteding,
-- sociaal domein, anders, or domein not given): what the organisation-wide pilot adds.
-- Every month is listed (0 when none); gemeten_tot is the newest date in the handhaving export.
with maanden as (

    select make_date(cast($jaar as integer), cast(m as integer), 1) as maand
    from range(1, 13) as r(m)

),

onderzoeken as (

    select cast(date_trunc('month', datum) as date) as maand, count(*) as waarde
    from handhaving
    where instrument = 'bibob_onderzoek'
      and coalesce(domein, 'onbekend') <> 'exploitatievergunning'
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
