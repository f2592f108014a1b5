-- The previous LOO meeting before $vergadering: the last earlier meeting of stg_vergaderingen.
-- Without one, one calendar month back, so the window (vorige, vergadering] is never empty by
-- construction. One row: vorige (date) and bron ('besproken' when found, 'maand_terug' else).
with eerder as (

    select max(vergadering) as laatste
    from stg_vergaderingen
    where gemeente = $gemeente and vergadering < cast($vergadering as date)

),

final as (

    select
        coalesce(laatste, cast(cast($vergadering as date) - interval 1 month as date)) as vorige,
        case when laatste is null then 'maand_terug' else 'besproken' end as bron
    from eerder

)

select * from final
