-- Indicator signalen_besproken_loo: share (0..1) of signalen received in plan year $jaar that
-- have been discussed in the LOO (datum_besproken_loo filled), per month of receipt.
-- waarde: share of that month's signalen; cumulatief: share of all signalen received from
-- January up to and including that month. Months without signalen have waarde null.
-- Counting rule: M-meldingen count through the signaal they were registered as; unlinked
-- M-meldingen have no LOO date and are not part of this share.
with maanden as (

    select make_date(cast($jaar as integer), cast(m as integer), 1) as maand
    from range(1, 13) as r(m)

),

ontvangen as (

    select
        cast(date_trunc('month', datum_ontvangst) as date) as maand,
        count(*) as aantal,
        count(datum_besproken_loo) as besproken
    from signalen
    where datum_ontvangst >= make_date(cast($jaar as integer), 1, 1)
      and datum_ontvangst < make_date(cast($jaar as integer) + 1, 1, 1)
    group by 1

),

bereik as (

    select max(datum_ontvangst) as gemeten_tot
    from signalen

),

opgeteld as (

    select
        maanden.maand,
        coalesce(ontvangen.aantal, 0) as aantal,
        coalesce(ontvangen.besproken, 0) as besproken,
        sum(coalesce(ontvangen.aantal, 0)) over (order by maanden.maand) as aantal_cum,
        sum(coalesce(ontvangen.besproken, 0)) over (order by maanden.maand) as besproken_cum
    from maanden
    left join ontvangen on ontvangen.maand = maanden.maand

),

final as (

    select
        opgeteld.maand,
        cast(besproken as double) / nullif(aantal, 0) as waarde,
        cast(besproken_cum as double) / nullif(aantal_cum, 0) as cumulatief,
        bereik.gemeten_tot
    from opgeteld
    cross join bereik
    order by opgeteld.maand

)

select * from final
