-- The opkopers (pseudonyms only) with the most registrations in [$van, $tot]: the top $limiet.
-- registraties = rows; aandeel = share of all registrations in the period (0..1).
-- Record-level by pseudonym: never shown to the manager role (see dol_opkopers_verdeling).
with per_opkoper as (

    select
        opkoper_pseudoniem,
        count(*) as registraties,
        cast(sum(aantal) as bigint) as goederen
    from stg_dol_registraties
    where datum between cast($van as date) and cast($tot as date)
      and gemeente = $gemeente
    group by opkoper_pseudoniem

),

final as (

    select
        opkoper_pseudoniem,
        registraties,
        goederen,
        registraties / sum(registraties) over () as aandeel
    from per_opkoper
    order by registraties desc, opkoper_pseudoniem
    limit $limiet

)

select * from final
