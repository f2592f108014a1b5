-- Every measure the dashboard shows, one row per counted event: the measure's name (maat), the
-- date it counts on (datum), its value (waarde; null counts 1), the key of a measure that
-- counts distinct things (sleutel), and the dimensions it can be cut by. Pages, the report,
-- the plan indicators and the exports all count from here (dashboard.measures names each
-- measure in Dutch, with its unit, counting rule and suppression); a figure is defined once.
-- Queries filter on maat with a bound value, which DuckDB folds: only that branch is read.
-- id is the record's pseudonymised key (kenmerk) where a measure can show the rows behind a
-- figure (dashboard.measures.MET_RIJEN): the rows and the figure come from the same branch.
with signalen_en_meldingen as (
    -- every signal plus every M-melding not registered as a signal, on its receipt date
    select 'signalen_en_meldingen' as maat, eenheid_id as id, datum, thema, bron, wijk, gebied,
        gemeente
    from stg_signalen_en_meldingen
),

signalen as (
    select 'signalen' as maat, signaal_id as id, datum, thema, bron, wijk, gebied, status,
        gemeente
    from stg_signalen
),

m_meldingen as (
    -- the meldroute's own count: every M-melding, also those registered as a signal
    select 'm_meldingen' as maat, melding_id as id, datum, thema, wijk, gemeente
    from stg_m_meldingen
),

m_meldingen_los as (
    select 'm_meldingen_los' as maat, datum, thema, wijk, gemeente
    from stg_m_meldingen
    where not gekoppeld
),

besproken_loo as (
    -- a cohort: signals received in the period that have been discussed (on any date since)
    select 'besproken_loo' as maat, datum, thema, bron, wijk, gebied, gemeente
    from stg_signalen
    where besproken
),

vervolg_besloten as (
    select 'vervolg_besloten' as maat, datum, thema, bron, vervolg, gemeente
    from stg_signalen
    where vervolg_besloten
),

bronnenonderzoek as (
    select 'bronnenonderzoek' as maat, datum, thema, bron, gemeente
    from stg_signalen
    where besproken and vervolg = 'bronnenonderzoek'
),

interventie as (
    select 'interventie' as maat, datum, thema, bron, vervolg, gemeente
    from stg_signalen
    where interventie
),

afgesloten as (
    select 'afgesloten' as maat, datum, thema, bron, gemeente
    from stg_signalen
    where afgesloten
),

signalen_met_maatregel as (
    select 'signalen_met_maatregel' as maat, datum, thema, bron, gemeente
    from stg_signalen
    where met_maatregel
),

besproken_in_overleg as (
    -- on the meeting date, not the receipt date: what a meeting discussed and decided
    select 'besproken_in_overleg' as maat, datum_besproken_loo as datum, thema,
        coalesce(vervolg, 'nog_niet_bepaald') as vervolg, gemeente
    from stg_signalen
    where besproken
),

loo_vergaderingen as (
    select 'loo_vergaderingen' as maat, vergadering as datum, cast(vergadering as varchar) as sleutel,
        gemeente
    from stg_vergaderingen
),

handhavingsacties as (
    -- every action: measures, Bibob investigations and register checks
    select 'handhavingsacties' as maat, actie_id as id, datum, thema, instrument, domein,
        uitkomst, wijk, gebied, gemeente
    from stg_handhaving
),

bestuurlijke_maatregelen as (
    select 'bestuurlijke_maatregelen' as maat, datum, thema, instrument, wijk, gebied, gemeente
    from stg_handhaving
    where soort = 'maatregel'
),

bibob_onderzoeken as (
    select 'bibob_onderzoeken' as maat, datum, thema, domein, uitkomst, gemeente
    from stg_handhaving
    where soort = 'bibob'
),

bibob_organisatiebreed as (
    -- what the organisation-wide Bibob pilot adds: every domain but exploitatievergunning
    select 'bibob_organisatiebreed' as maat, datum, thema, domein, uitkomst, gemeente
    from stg_handhaving
    where soort = 'bibob' and domein <> 'exploitatievergunning'
),

registercontroles as (
    select 'registercontroles' as maat, datum, uitkomst, wijk, gemeente
    from stg_handhaving
    where soort = 'registercontrole'
),

dol_registraties as (
    select 'dol_registraties' as maat, registratie_id as id, datum, branche, wijk, gemeente
    from stg_dol_registraties
),

dol_goederen as (
    select 'dol_goederen' as maat, datum, aantal as waarde, branche, wijk, gemeente
    from stg_dol_registraties
),

dol_opkopers as (
    -- distinct opkopers with a registration: counted by key, never shown by pseudonym here
    select 'dol_opkopers' as maat, datum, opkoper_pseudoniem as sleutel, branche, gemeente
    from stg_dol_registraties
),

dol_gestolen_match as (
    select 'dol_gestolen_match' as maat, datum, branche, wijk, gemeente
    from stg_dol_registraties
    where gestolen_match
),

dol_gestolen_bekend as (
    -- registrations for which the register recorded whether there was a match at all
    select 'dol_gestolen_bekend' as maat, datum, branche, wijk, gemeente
    from stg_dol_registraties
    where gestolen_match is not null
),

final as (
    select * from signalen_en_meldingen
    union all by name select * from signalen
    union all by name select * from m_meldingen
    union all by name select * from m_meldingen_los
    union all by name select * from besproken_loo
    union all by name select * from vervolg_besloten
    union all by name select * from bronnenonderzoek
    union all by name select * from interventie
    union all by name select * from afgesloten
    union all by name select * from signalen_met_maatregel
    union all by name select * from besproken_in_overleg
    union all by name select * from loo_vergaderingen
    union all by name select * from handhavingsacties
    union all by name select * from bestuurlijke_maatregelen
    union all by name select * from bibob_onderzoeken
    union all by name select * from bibob_organisatiebreed
    union all by name select * from registercontroles
    union all by name select * from dol_registraties
    union all by name select * from dol_goederen
    union all by name select * from dol_opkopers
    union all by name select * from dol_gestolen_match
    union all by name select * from dol_gestolen_bekend
)

select * from final
