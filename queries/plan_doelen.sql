-- The goals of the implementation plan of year $jaar, in plan order (spoor, then doel_id).
-- The plan holds no personal data, so every role sees it whole.
with doelen as (
    select doel_id, jaar, spoor, wat, doel, partners, status, voortgang, startdatum, einddatum,
           indicator, doelwaarde
    from plan_doelen
    where jaar = $jaar and gemeente = $gemeente
),

final as (
    select * from doelen
    order by spoor, doel_id
)

select * from final
