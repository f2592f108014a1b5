-- The gemeenten that have rows in any source, in name order, with the newest event date in
-- their data: a database with more than one gemeente is a district (dashboard.page.is_district).
-- Names and dates only, no figures.
with bronnen as (

    select gemeente, nieuwste_datum
    from stg_bronnen_gemeente
    where rijen > 0 and gemeente is not null

),

final as (

    select gemeente, max(nieuwste_datum) as nieuwste_datum
    from bronnen
    group by gemeente
    order by gemeente

)

select * from final
