-- The indicator routes (values, maps, need index, segregation) read one indicator for one division and one
-- period: this index answers them without walking every period of every area (at national scale, 5,984 DeSO
-- × 10 years per indicator). Profiles use observation_area_idx.
CREATE INDEX observation_indicator_period_idx ON observation (indicator_id, division_id, period, breakdown);
