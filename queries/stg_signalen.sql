-- Signals as every figure counts them: one row per signaal, dated by receipt (datum), with the
-- flags that pages, the report and the plan indicators share. Each flag is defined here only.
--   besproken        discussed in the LOO (datum_besproken_loo filled);
--   vervolg_besloten discussed, with a vervolg recorded (geen included) or an intervention;
--   interventie      discussed, and the LOO set an intervention in motion: a vervolg from
--                    ref_vervolg (bestuursrechtelijk, strafrechtelijk, zorg en veiligheid,
--                    RIEC) or the status interventie (ingrijpen_besloten), or a linked
--                    bestuurlijke maatregel (via_actie);
--   met_maatregel    vervolg bestuursrechtelijk or a linked bestuurlijke maatregel, discussed
--                    or not (ref_instrument: Bibob and register checks are no measures);
--   afgesloten       vervolg_besloten and status afgesloten (doorgezet is handed over);
--   open             status neither afgesloten nor doorgezet (the status as last exported).
-- The stages ontvangen > besproken > vervolg_besloten > afgesloten nest by construction.
with signalen_bron as (

    select * from signalen

),

maatregelen as (

    -- ids are unique within a gemeente: every link matches on both
    select distinct h.gemeente, h.signaal_id
    from handhaving as h
    join ref_instrument as r using (instrument)
    where r.soort = 'maatregel' and h.signaal_id is not null

),

gemarkeerd as (

    select
        s.*,
        s.datum_besproken_loo is not null as besproken,
        coalesce(v.interventie, false) or s.status = 'interventie' as ingrijpen_besloten,
        coalesce(s.vervolg = 'bestuursrechtelijk', false) as via_vervolg,
        m.signaal_id is not null as via_actie
    from signalen_bron as s
    left join ref_vervolg as v using (vervolg)
    left join maatregelen as m using (gemeente, signaal_id)

),

final as (

    select
        signaal_id,
        datum_ontvangst as datum,
        bron,
        coalesce(thema, 'onbekend') as thema,
        status,
        nullif(trim(wijk), '') as wijk,
        lower(nullif(trim(gebied), '')) as gebied,
        datum_besproken_loo,
        datum_afgesloten,
        vervolg,
        gemeente,
        besproken,
        ingrijpen_besloten,
        besproken and (vervolg is not null or ingrijpen_besloten or via_actie)
            as vervolg_besloten,
        besproken and (ingrijpen_besloten or via_actie) as interventie,
        via_vervolg,
        via_actie,
        via_vervolg or via_actie as met_maatregel,
        besproken and (vervolg is not null or ingrijpen_besloten or via_actie)
            and status = 'afgesloten' as afgesloten,
        status not in ('afgesloten', 'doorgezet') as open
    from gemarkeerd

)

select * from final
