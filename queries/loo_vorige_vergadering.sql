-- The previous LOO meeting before $vergadering: the last earlier distinct datum_besproken_loo.
-- When no signal was ever discussed before that date, fall back to one calendar month back,
-- so the "since the previous meeting" window is never empty by construction.
-- One row: vorige (date) and bron ('besproken' when found in the data, 'maand_terug' otherwise).
with besproken as (

    select max(datum_besproken_loo) as laatste
    from signalen
    where datum_besproken_loo < cast($vergadering as date)

),

final as (

    select
        coalesce(laatste, cast(cast($vergadering as date) - interval 1 month as date)) as vorige,
        case when laatste is null then 'maand_terug' else 'besproken' end as bron
    from besproken

)

select * from final
