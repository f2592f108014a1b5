-- The share of signals received in [$van, $tot] that led to a bestuursrechtelijke measure.
-- Counting rule: a signal counts when its vervolg is bestuursrechtelijk, or when at least one
-- handhaving action with a bestuurlijk instrument is linked to it by signaal_id (any date).
-- Bestuurlijk instruments: opiumwet_13b_sluiting, last_onder_dwangsom, apv_straathandel,
-- bestuurlijke_waarschuwing, bestuurlijke_boete. A Bibob investigation or a registercontrole is
-- an investigation, not a measure, and does not count. Each signal counts once.
with ontvangen as (

    select signaal_id, vervolg
    from signalen
    where datum_ontvangst between cast($van as date) and cast($tot as date)

),

maatregelen as (

    select distinct signaal_id
    from handhaving
    where signaal_id is not null
      and instrument in ('opiumwet_13b_sluiting', 'last_onder_dwangsom', 'apv_straathandel',
                         'bestuurlijke_waarschuwing', 'bestuurlijke_boete')

),

per_signaal as (

    select
        coalesce(o.vervolg = 'bestuursrechtelijk', false) as via_vervolg,
        m.signaal_id is not null as via_actie
    from ontvangen as o
    left join maatregelen as m using (signaal_id)

),

final as (

    select
        count(*) as signalen,
        count(*) filter (where via_vervolg or via_actie) as met_maatregel,
        count(*) filter (where via_vervolg) as via_vervolg,
        count(*) filter (where via_actie) as via_actie,
        case when count(*) > 0
            then count(*) filter (where via_vervolg or via_actie) / count(*) end as aandeel
    from per_signaal

)

select * from final
