-- Headline counts of one period [$van, $tot] (inclusive dates), one row.
-- Counting rule "signalen en meldingen": every signal, plus every M-melding that is not linked
-- to a registered signal (a linked melding is the same case and counts once, as the signal).
with signaal_telling as (
    select count(*) as aantal
    from signalen
    where datum_ontvangst between $van and $tot
),

melding_telling as (
    select
        count(*) as aantal,
        count(*) filter (where thema = 'drugs') as drugs,
        count(*) filter (
            where gekoppeld_signaal_id is null
               or gekoppeld_signaal_id not in (select signaal_id from signalen)
        ) as ongekoppeld
    from m_meldingen
    where datum_ontvangst between $van and $tot
),

handhaving_telling as (
    -- bestuurlijke maatregelen: every administrative instrument except Bibob investigations
    -- and DOL/DOR register checks, which are investigations, not measures
    select
        count(*) filter (
            where instrument not in ('bibob_onderzoek', 'registercontrole_dol_dor')
        ) as maatregelen,
        count(*) filter (where instrument = 'opiumwet_13b_sluiting') as sluitingen_13b,
        count(*) filter (where instrument = 'last_onder_dwangsom') as dwangsommen,
        count(*) filter (where instrument = 'apv_straathandel') as apv,
        count(*) filter (
            where instrument in ('bestuurlijke_waarschuwing', 'bestuurlijke_boete', 'anders')
        ) as overige_maatregelen,
        count(*) filter (where instrument = 'bibob_onderzoek') as bibob,
        count(*) filter (where instrument = 'registercontrole_dol_dor') as registercontroles
    from handhaving
    where datum between $van and $tot
),

dol_telling as (
    -- one registration is one line in the DOL, whatever its number of goods
    select count(*) as aantal
    from dol_registraties
    where datum_registratie between $van and $tot
),

final as (
    select
        s.aantal + m.ongekoppeld as signalen_en_meldingen,
        s.aantal as signalen,
        m.aantal as m_meldingen,
        m.drugs as m_meldingen_drugs,
        h.maatregelen as bestuurlijke_maatregelen,
        h.sluitingen_13b,
        h.dwangsommen,
        h.apv,
        h.overige_maatregelen,
        h.bibob,
        h.registercontroles,
        d.aantal as dol_registraties
    from signaal_telling as s, melding_telling as m, handhaving_telling as h,
        dol_telling as d
)

select * from final
