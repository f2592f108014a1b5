-- Stolen-goods matches per month and branche for registrations in [$van, $tot]: matches =
-- registrations with gestolen_match true (a missing value is no match); registraties gives
-- the base. Only month/branche combinations with at least one registration are returned.
with registraties as (

    select
        cast(date_trunc('month', datum_registratie) as date) as maand,
        branche,
        coalesce(gestolen_match, false) as match
    from dol_registraties
    where datum_registratie between cast($van as date) and cast($tot as date)

),

final as (

    select maand, branche, count(*) filter (where match) as matches, count(*) as registraties
    from registraties
    group by maand, branche
    order by maand, branche

)

select * from final
