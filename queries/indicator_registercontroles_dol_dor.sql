-- Indicator registercontroles_dol_dor: DOL/DOR register checks per month of plan year $jaar.
-- One check = one handhaving row with instrument registercontrole_dol_dor, whatever its uitkomst.
-- Every month is listed (0 when none) so cumulatief is a complete series; gemeten_tot is the
-- newest date in the handhaving export (any year), i.e. how far the measurement reaches.
with maanden as (

    select make_date(cast($jaar as integer), cast(m as integer), 1) as maand
    from range(1, 13) as r(m)

),

controles as (

    select cast(date_trunc('month', datum) as date) as maand, count(*) as waarde
    from handhaving
    where instrument = 'registercontrole_dol_dor'
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
        cast(coalesce(controles.waarde, 0) as bigint) as waarde,
        cast(sum(coalesce(controles.waarde, 0)) over (order by maanden.maand) as bigint)
            as cumulatief,
        bereik.gemeten_tot
    from maanden
    left join controles on controles.maand = maanden.maand
    cross join bereik
    order by maanden.maand

)

select * from final
