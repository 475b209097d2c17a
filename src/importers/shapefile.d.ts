// Minimal types for the `shapefile` package (it ships none).
declare module 'shapefile' {
  export interface ShapefileFeature {
    type: 'Feature';
    properties: Record<string, unknown>;
    geometry: { type: string; coordinates: unknown } | null;
  }
  export interface ShapefileSource {
    bbox: number[];
    read(): Promise<{ done: boolean; value: ShapefileFeature }>;
  }
  export function open(
    shp: string | ArrayBuffer | Uint8Array,
    dbf?: string | ArrayBuffer | Uint8Array,
    options?: { encoding?: string },
  ): Promise<ShapefileSource>;
}
