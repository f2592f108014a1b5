-- Freshness per source (stg_bronnen, from the contract's sources): rows, the newest date in the
-- data and when it was last loaded. "Gegevens t/m" is the newest event date of the source (the
-- export's reach), not the load time; the plan has no event date. Rows and dates are the
-- gemeente's own (stg_bronnen_gemeente); every source is listed, with 0 rows where it has none.
-- "Laatst geladen" is the gemeente's own last accepted load too (the ledger's gemeente).
with bronnen as (

    select b.bron, b.volgorde, coalesce(g.rijen, 0) as rijen, g.nieuwste_datum
    from stg_bronnen as b
    left join stg_bronnen_gemeente as g on g.bron = b.bron and g.gemeente = $gemeente

),

laatste_load as (

    -- only accepted loads count: a refused file changed nothing
    select bron, max(coalesce(beeindigd, gestart)) as laatst_geladen
    from load_ledger
    where uitkomst = 'geladen' and gemeente = $gemeente
    group by bron

),

final as (

    select b.bron, b.rijen, b.nieuwste_datum, l.laatst_geladen
    from bronnen as b
    left join laatste_load as l using (bron)
    order by b.volgorde

)

select * from final
