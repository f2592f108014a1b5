-- The funnel of a cohort: signals received in [$van, $tot], and how far they had come on
-- $peildatum (the meeting date; no date after it counts). The stages nest by construction, each
-- a subset of the one before (the flags of stg_signalen):
--   1 signaal      received;
--   2 besproken    and discussed in the LOO on or before the peildatum;
--   3 vervolg      and a vervolg recorded (geen included) or an intervention;
--   4 afgesloten   and closed (status afgesloten, closed on or before the peildatum);
--   5 interventie  the part of stage 3 whose vervolg is an intervention (not a step after 4).
-- The flags are those of stg_signalen with every date held against the peildatum: a linked
-- maatregel counts from its date on. The vervolg and the status have no history in the export:
-- they count as recorded, and a closed signal without a closing date counts as closed.
-- Lead times are medians in whole days over the signals with both dates (basis): receipt to
-- discussion, discussion to the first linked bestuurlijke maatregel on or after it, discussion
-- to closing.
with peil as (

    select cast($peildatum as date) as dag

),

maatregelen as (

    select h.signaal_id, min(h.datum) filter (where h.datum >= s.datum_besproken_loo)
            as eerste_na_bespreking, min(h.datum) as eerste
    from stg_handhaving as h
    join stg_signalen as s using (gemeente, signaal_id)
    cross join peil
    where h.soort = 'maatregel' and h.datum <= peil.dag and s.gemeente = $gemeente
    group by h.signaal_id

),

cohort as (

    select s.*, m.eerste_na_bespreking,
        s.besproken and s.datum_besproken_loo <= peil.dag as besproken_op_peil,
        s.ingrijpen_besloten or m.eerste is not null as ingrijpen_op_peil,
        coalesce(s.datum_afgesloten <= peil.dag, true) as afgesloten_op_peil
    from stg_signalen as s
    cross join peil
    left join maatregelen as m using (signaal_id)  -- maatregelen holds this gemeente only
    where s.gemeente = $gemeente
      and s.datum between cast($van as date) and least(cast($tot as date), peil.dag)

),

stappen as (

    select
        besproken_op_peil as besproken,
        besproken_op_peil and (vervolg is not null or ingrijpen_op_peil) as vervolg,
        besproken_op_peil and ingrijpen_op_peil as interventie,
        besproken_op_peil and (vervolg is not null or ingrijpen_op_peil)
            and status = 'afgesloten' and afgesloten_op_peil as afgesloten,
        date_diff('day', datum, datum_besproken_loo) as dagen_besproken,
        date_diff('day', datum_besproken_loo, eerste_na_bespreking) as dagen_interventie,
        date_diff('day', datum_besproken_loo, datum_afgesloten) as dagen_afgesloten
    from cohort

),

final as (

    select 1 as stap, 'signaal' as fase, count(*) as aantal,
        null::double as mediaan_dagen, 0 as basis
    from stappen
    union all
    select 2, 'besproken', count(*) filter (where besproken),
        median(dagen_besproken) filter (where besproken),
        count(dagen_besproken) filter (where besproken)
    from stappen
    union all
    select 3, 'vervolg', count(*) filter (where vervolg), null::double, 0
    from stappen
    union all
    select 4, 'afgesloten', count(*) filter (where afgesloten),
        median(dagen_afgesloten) filter (where afgesloten),
        count(dagen_afgesloten) filter (where afgesloten)
    from stappen
    union all
    select 5, 'interventie', count(*) filter (where interventie),
        median(dagen_interventie) filter (where interventie),
        count(dagen_interventie) filter (where interventie)
    from stappen
    order by stap

)

select * from final
