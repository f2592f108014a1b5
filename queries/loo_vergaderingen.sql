-- Every LOO meeting in the data (stg_vergaderingen), newest first: the choices of the meeting
-- date on the LOO page. One column: vergadering (date).
with vergaderingen as (

    select distinct vergadering
    from stg_vergaderingen
    where gemeente = $gemeente and vergadering is not null

),

final as (

    select vergadering
    from vergaderingen
    order by vergadering desc

)

select * from final
