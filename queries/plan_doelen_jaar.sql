-- The goals of one uitvoeringsplan year ($jaar), one row per goal, in the order of the plan:
-- spoor, then doel_id. voortgang here is the value of the loaded plan export; the current
-- voortgang comes from the update store (dashboard.plan.latest).
with doelen as (

    select
        doel_id,
        jaar,
        spoor,
        wat,
        doel,
        partners,
        status,
        voortgang,
        startdatum,
        einddatum,
        indicator,
        doelwaarde
    from plan_doelen
    where jaar = $jaar and gemeente = $gemeente

),

final as (

    select * from doelen
    order by spoor, doel_id

)

select * from final
