-- Handhaving actions, one row each, dated by the action (datum), with the counting class of
-- the instrument from ref_instrument (data_pipeline.contract.INSTRUMENT_SOORT): maatregel,
-- bibob or registercontrole. A missing domein is 'onbekend', a missing uitkomst
-- 'nog_geen_uitkomst'. An action takes the aandachtsgebied of the signal it is linked to.
with acties as (

    select * from handhaving

),

final as (

    select
        h.actie_id,
        h.datum,
        h.instrument,
        r.soort,
        coalesce(h.thema, 'onbekend') as thema,
        coalesce(h.domein, 'onbekend') as domein,
        coalesce(nullif(trim(h.uitkomst), ''), 'nog_geen_uitkomst') as uitkomst,
        h.signaal_id,
        nullif(trim(h.wijk), '') as wijk,
        s.gebied,
        h.gemeente
    from acties as h
    left join ref_instrument as r using (instrument)
    left join stg_signalen as s using (gemeente, signaal_id)

)

select * from final
