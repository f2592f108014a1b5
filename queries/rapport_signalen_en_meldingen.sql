-- Key figures of the signaalgestuurde aanpak for signals and M-meldingen received in
-- [$van, $tot], one row.
-- Counting rule: "signalen en meldingen" = every signal plus every M-melding that is not
-- registered as a signal. An M-melding linked by gekoppeld_signaal_id to an existing signal is
-- that signal (bron meld_misdaad_anoniem) and counts once, in the signal's period.
-- besproken_loo: signals with datum_besproken_loo; an unlinked M-melding has no LOO date and
-- counts as not (yet) discussed. bronnenonderzoek and interventie count signals by vervolg.
with signalen_in_periode as (

    select
        signaal_id,
        datum_besproken_loo,
        vervolg
    from signalen
    where datum_ontvangst between cast($van as date) and cast($tot as date)

),

losse_m_meldingen as (

    select m.melding_id
    from m_meldingen as m
    where m.datum_ontvangst between cast($van as date) and cast($tot as date)
      and not exists (
          select 1 from signalen as s where s.signaal_id = m.gekoppeld_signaal_id
      )

),

signaal_telling as (

    select
        count(*) as signalen,
        count(datum_besproken_loo) as besproken_loo,
        count(*) filter (where vervolg = 'bronnenonderzoek') as bronnenonderzoek,
        count(*) filter (
            where vervolg in ('bestuursrechtelijk', 'strafrechtelijk', 'zorg_en_veiligheid',
                              'riec')
        ) as interventie,
        count(vervolg) as met_vervolg
    from signalen_in_periode

),

final as (

    select
        t.signalen + (select count(*) from losse_m_meldingen) as signalen_en_meldingen,
        t.signalen,
        (select count(*) from losse_m_meldingen) as m_meldingen_los,
        t.besproken_loo,
        t.bronnenonderzoek,
        t.interventie,
        t.met_vervolg
    from signaal_telling as t

)

select * from final
