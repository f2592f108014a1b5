-- DOL/DOR registrations per month and branche, registered in [$van, $tot] (inclusive).
-- registraties = rows of the export (one purchase registration each); goederen = sum of aantal
-- (items; a missing aantal counts as 1, the contract default; sums cast to bigint so that
-- polars gets integers, not decimals). maand = first day of the month.
with registraties as (

    select
        cast(date_trunc('month', datum_registratie) as date) as maand,
        branche,
        coalesce(aantal, 1) as aantal
    from dol_registraties
    where datum_registratie between cast($van as date) and cast($tot as date)

),

final as (

    select maand, branche, count(*) as registraties,
        cast(sum(aantal) as bigint) as goederen
    from registraties
    group by maand, branche
    order by maand, branche

)

select * from final
