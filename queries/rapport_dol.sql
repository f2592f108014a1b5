-- DOL/DOR registrations dated (datum_registratie) in [$van, $tot], one row: registrations,
-- distinct dealers (opkopers), goods (sum of aantal, 1 when missing) and matches with goods
-- registered as stolen (gestolen_bekend = registrations where the match was recorded at all).
with registraties as (

    select opkoper_pseudoniem, coalesce(aantal, 1) as aantal, gestolen_match
    from dol_registraties
    where datum_registratie between cast($van as date) and cast($tot as date)

),

final as (

    select
        count(*) as registraties,
        count(distinct opkoper_pseudoniem) as opkopers,
        coalesce(sum(aantal), 0) as goederen,
        count(*) filter (where gestolen_match) as gestolen_match,
        count(gestolen_match) as gestolen_bekend
    from registraties

)

select * from final
