-- One source ($bron) counted per category in two periods: A = [$a_van, $a_tot] and
-- B = [$b_van, $b_tot]. The category is the thema for signalen and M-meldingen, the instrument
-- (or, with $indeling = 'thema', the thema) for handhaving and the branche for DOL-registraties.
-- $bron 'signalen_en_meldingen' applies the counting rule: every signal plus the M-meldingen not
-- linked to a registered signal (a linked melding counts once, as its signal).
with signaal_rijen as (
    select 'signalen' as bron, datum_ontvangst as datum, thema as categorie
    from signalen
),

melding_rijen as (
    select 'm_meldingen' as bron, datum_ontvangst as datum, thema as categorie,
           exists (select 1 from signalen as s where s.signaal_id = m.gekoppeld_signaal_id)
               as gekoppeld
    from m_meldingen as m
),

rijen as (
    select bron, datum, categorie from signaal_rijen
    union all
    select bron, datum, categorie from melding_rijen
    union all
    -- the combined count: signals plus unlinked meldingen
    select 'signalen_en_meldingen', datum, categorie from signaal_rijen
    union all
    select 'signalen_en_meldingen', datum, categorie from melding_rijen where not gekoppeld
    union all
    select 'handhaving', datum,
           case when $indeling = 'thema' then coalesce(thema, 'onbekend') else instrument end
    from handhaving
    union all
    select 'dol_registraties', datum_registratie, branche from dol_registraties
),

gekozen as (
    select
        coalesce(categorie, 'onbekend') as categorie,
        datum between $a_van and $a_tot as in_a,
        datum between $b_van and $b_tot as in_b
    from rijen
    where bron = $bron
),

final as (
    select
        categorie,
        count(*) filter (where in_a) as aantal_a,
        count(*) filter (where in_b) as aantal_b
    from gekozen
    where in_a or in_b
    group by categorie
    order by aantal_b desc, aantal_a desc, categorie
)

select * from final
