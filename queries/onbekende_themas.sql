-- Theme labels that config/themas.yaml does not map yet, per source, with how many rows carry
-- each label. Such rows are loaded with thema = 'onbekend' and the label kept in thema_bron;
-- a label disappears from this list once the mapping covers it and the rows are re-mapped.
with onbekend as (

    select bron, thema_bron
    from stg_thema_labels
    where thema = 'onbekend' and gemeente = $gemeente

),

final as (

    select bron, thema_bron as label, count(*) as rijen
    from onbekend
    group by bron, thema_bron
    order by rijen desc, bron, label

)

select * from final
