-- "Signalen en meldingen": every signal, plus every M-melding that is not registered as a
-- signal. A linked M-melding is its signal (bron meld_misdaad_anoniem) and counts once, in the
-- signal's period. An unlinked melding counts under bron meld_misdaad_anoniem, has no
-- aandachtsgebied and no LOO date, so it counts as not (yet) discussed.
with signalen_deel as (

    select
        'signaal' as soort, signaal_id as eenheid_id, datum, bron, thema, wijk, gebied,
        gemeente, besproken, interventie
    from stg_signalen

),

meldingen_deel as (

    select
        'm_melding' as soort, melding_id as eenheid_id, datum,
        'meld_misdaad_anoniem' as bron, thema, wijk, null as gebied, gemeente,
        false as besproken, false as interventie
    from stg_m_meldingen
    where not gekoppeld

),

final as (

    select * from signalen_deel
    union all
    select * from meldingen_deel

)

select * from final
