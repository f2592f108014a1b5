-- Signals received in [$van, $tot] with a bestuursrechtelijke maatregel (stg_signalen
-- met_maatregel), and how: via the vervolg bestuursrechtelijk, via a linked bestuurlijke
-- maatregel, or both (each signal counts once). The totals equal the measures signalen and
-- signalen_met_maatregel (dashboard.measures).
with ontvangen as (

    select via_vervolg, via_actie
    from stg_signalen
    where datum between cast($van as date) and cast($tot as date)
      and gemeente = $gemeente

),

final as (

    select
        count(*) as signalen,
        count(*) filter (where via_vervolg or via_actie) as met_maatregel,
        count(*) filter (where via_vervolg) as via_vervolg,
        count(*) filter (where via_actie) as via_actie
    from ontvangen

)

select * from final
