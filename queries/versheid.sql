-- Freshness per source: rows, the newest date in the data and when it was last loaded.
-- "Gegevens t/m" is the newest event date of the source (the export's reach), not the load time.
with signalen_reach as (
    select 'signalen' as bron, 1 as volgorde, count(*) as rijen,
           max(datum_ontvangst) as nieuwste_datum
    from signalen
),

m_meldingen_reach as (
    select 'm_meldingen' as bron, 2 as volgorde, count(*) as rijen,
           max(datum_ontvangst) as nieuwste_datum
    from m_meldingen
),

handhaving_reach as (
    select 'handhaving' as bron, 3 as volgorde, count(*) as rijen,
           max(datum) as nieuwste_datum
    from handhaving
),

dol_registraties_reach as (
    select 'dol_registraties' as bron, 4 as volgorde, count(*) as rijen,
           max(datum_registratie) as nieuwste_datum
    from dol_registraties
),

uitvoeringsplan_reach as (
    -- the plan has no event date; its reach is the newest plan year
    select 'uitvoeringsplan' as bron, 5 as volgorde, count(*) as rijen,
           cast(null as date) as nieuwste_datum
    from plan_doelen
),

bronnen as (
    select * from signalen_reach
    union all select * from m_meldingen_reach
    union all select * from handhaving_reach
    union all select * from dol_registraties_reach
    union all select * from uitvoeringsplan_reach
),

laatste_load as (
    -- only accepted loads count: a refused file changed nothing
    select bron, max(coalesce(beeindigd, gestart)) as laatst_geladen
    from load_ledger
    where uitkomst = 'geladen'
    group by bron
),

final as (
    select b.bron, b.rijen, b.nieuwste_datum, l.laatst_geladen
    from bronnen as b
    left join laatste_load as l on l.bron = b.bron
    order by b.volgorde
)

select * from final
