-- The funnel signaal -> besproken -> interventie -> afgesloten for signals received in
-- [$van, $tot] (inclusive), with median lead times in whole days.
-- Counting rules:
--   besproken   = datum_besproken_loo filled;
--   interventie = status interventie, or status afgesloten with vervolg bestuursrechtelijk or
--                 strafrechtelijk, or at least one handhaving action linked by signaal_id;
--   afgesloten  = status afgesloten (doorgezet is handed over, not counted as afgesloten).
-- Lead times (median over the signals where both dates exist, n in basis):
--   besproken:   datum_ontvangst -> datum_besproken_loo;
--   interventie: datum_besproken_loo -> first linked handhaving datum (only signals with a
--                linked action; a status alone carries no date);
--   afgesloten:  datum_besproken_loo -> datum_afgesloten.
with ontvangen as (

    select *
    from signalen
    where datum_ontvangst between cast($van as date) and cast($tot as date)

),

acties as (

    select signaal_id, min(datum) as eerste_actie
    from handhaving
    where signaal_id is not null
    group by signaal_id

),

stappen as (

    select
        o.signaal_id,
        o.datum_besproken_loo is not null as besproken,
        (o.status = 'interventie'
            or (o.status = 'afgesloten' and o.vervolg in ('bestuursrechtelijk', 'strafrechtelijk'))
            or a.signaal_id is not null) as interventie,
        o.status = 'afgesloten' as afgesloten,
        date_diff('day', o.datum_ontvangst, o.datum_besproken_loo) as dagen_besproken,
        date_diff('day', o.datum_besproken_loo, a.eerste_actie) as dagen_interventie,
        case when o.status = 'afgesloten'
            then date_diff('day', o.datum_besproken_loo, o.datum_afgesloten) end as dagen_afgesloten
    from ontvangen as o
    left join acties as a using (signaal_id)

),

final as (

    select 1 as stap, 'signaal' as fase, count(*) as aantal,
        null::double as mediaan_dagen, 0 as basis
    from stappen
    union all
    select 2, 'besproken', count(*) filter (where besproken),
        median(dagen_besproken), count(dagen_besproken)
    from stappen
    union all
    select 3, 'interventie', count(*) filter (where interventie),
        median(dagen_interventie), count(dagen_interventie)
    from stappen
    union all
    select 4, 'afgesloten', count(*) filter (where afgesloten),
        median(dagen_afgesloten), count(dagen_afgesloten)
    from stappen
    order by stap

)

select * from final
