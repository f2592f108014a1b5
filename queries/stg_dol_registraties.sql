-- DOL/DOR registrations, one row each (one line in the register, whatever its number of goods),
-- dated by registration (datum). aantal: goods, 1 when missing (the contract's default).
with registraties as (

    select * from dol_registraties

),

final as (

    select
        registratie_id,
        datum_registratie as datum,
        opkoper_pseudoniem,
        branche,
        datum_aankoop,
        goederencategorie,
        coalesce(aantal, 1) as aantal,
        gestolen_match,
        nullif(trim(wijk), '') as wijk,
        gemeente
    from registraties

)

select * from final
