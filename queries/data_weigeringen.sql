-- Refused loads with their reasons (one problem per line, file/row/column/kind, never a value),
-- newest first; the latest 50 are enough to fix what is wrong. Only the page's gemeente's.
with geweigerd as (
    select load_id, bestand, bron, gestart, redenen
    from load_ledger
    where uitkomst = 'geweigerd' and gemeente = $gemeente
),

final as (
    select * from geweigerd
    order by gestart desc, load_id desc
    limit 50
)

select * from final
