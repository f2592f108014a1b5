-- LOO meetings: the dates on which at least one signal was discussed (the export has no meeting
-- table, so a meeting that discussed nothing is not seen), each with the meeting before it.
-- "Since the previous meeting" is the half-open interval (vorige, vergadering]. Each gemeente
-- has its own LOO, so meetings are per gemeente.
with datums as (

    select distinct gemeente, datum_besproken_loo as vergadering
    from signalen
    where datum_besproken_loo is not null

),

final as (

    select gemeente, vergadering,
        lag(vergadering) over (partition by gemeente order by vergadering) as vorige
    from datums

)

select * from final
