-- The bestuursrechtelijke measures of the drugs policy as tiles: 13b closures, dwangsommen and
-- APV measures against street dealing, in [$van, $tot] and in the same dates one year earlier
-- (like-for-like). One action = one row; a 29 February maps to 28 February a year back.
with instrumenten as (

    select * from (values
        (1, 'opiumwet_13b_sluiting'),
        (2, 'last_onder_dwangsom'),
        (3, 'apv_straathandel')
    ) as t (volgorde, instrument)

),

grenzen as (

    select
        cast($van as date) as van,
        cast($tot as date) as tot,
        cast(cast($van as date) - interval 1 year as date) as van_vorig,
        cast(cast($tot as date) - interval 1 year as date) as tot_vorig

),

telling as (

    select
        h.instrument,
        count(*) filter (where h.datum between g.van and g.tot) as aantal,
        count(*) filter (where h.datum between g.van_vorig and g.tot_vorig) as aantal_vorig
    from handhaving as h, grenzen as g
    group by h.instrument

),

final as (

    select
        i.volgorde,
        i.instrument,
        coalesce(t.aantal, 0) as aantal,
        coalesce(t.aantal_vorig, 0) as aantal_vorig,
        coalesce(t.aantal, 0) - coalesce(t.aantal_vorig, 0) as verschil,
        g.van_vorig,
        g.tot_vorig
    from instrumenten as i
    cross join grenzen as g
    left join telling as t using (instrument)
    order by i.volgorde

)

select * from final
