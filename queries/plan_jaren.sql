-- The years that have an implementation plan, newest first.
with final as (
    select distinct jaar
    from plan_doelen
    where gemeente = $gemeente
    order by jaar desc
)

select * from final
