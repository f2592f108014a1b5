-- M-meldingen (Meld Misdaad Anoniem) received in [$van, $tot] per thema: every melding, also
-- those registered as a signal (this is the meldroute's own count, not "signalen en
-- meldingen").
with meldingen as (

    select coalesce(thema, 'onbekend') as thema
    from m_meldingen
    where datum_ontvangst between cast($van as date) and cast($tot as date)

),

final as (

    select thema, count(*) as aantal
    from meldingen
    group by thema
    order by aantal desc, thema

)

select * from final
