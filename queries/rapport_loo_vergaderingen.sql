-- LOO meetings in [$van, $tot], one row. A meeting is a date on which at least one signal was
-- discussed (datum_besproken_loo); the export has no meeting table, so a meeting without any
-- discussed signal is not seen. besproken counts the signals discussed on those dates.
with besproken as (

    select datum_besproken_loo as vergadering
    from signalen
    where datum_besproken_loo between cast($van as date) and cast($tot as date)

),

final as (

    select
        count(distinct vergadering) as vergaderingen,
        count(*) as besproken
    from besproken

)

select * from final
