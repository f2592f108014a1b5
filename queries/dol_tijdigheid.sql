-- Timeliness of registrations in [$van, $tot]: whole days from datum_aankoop to
-- datum_registratie, and the share registered within $termijn days (config/dol.yaml).
-- Per branche plus a total row (branche 'totaal'). Registrations without datum_aankoop cannot
-- be judged: they are counted in zonder_aankoopdatum and left out of the share and median.
with registraties as (

    select
        branche,
        date_diff('day', datum_aankoop, datum) as dagen
    from stg_dol_registraties
    where datum between cast($van as date) and cast($tot as date)
      and gemeente = $gemeente

),

per_groep as (

    select
        coalesce(branche, 'totaal') as branche,
        grouping(branche) as is_totaal,
        count(*) as registraties,
        count(dagen) as met_aankoopdatum,
        count(*) - count(dagen) as zonder_aankoopdatum,
        count(*) filter (where dagen <= cast($termijn as integer)) as binnen_termijn,
        median(dagen) as mediaan_dagen,
        max(dagen) as max_dagen
    from registraties
    group by grouping sets ((branche), ())

),

final as (

    select
        branche,
        registraties,
        met_aankoopdatum,
        zonder_aankoopdatum,
        binnen_termijn,
        case when met_aankoopdatum > 0 then binnen_termijn / met_aankoopdatum end as aandeel_tijdig,
        mediaan_dagen,
        max_dagen
    from per_groep
    order by is_totaal, branche

)

select * from final
