import type { GridFeatures } from '../api.ts';

/** Light colours, shared by the map and the queue legend. */
export const LIGHT_COLORS = { green: '#17803d', yellow: '#d08700', red: '#c8161d', none: '#6b7785' } as const;

const EMPTY: GridFeatures = { type: 'FeatureCollection', features: [] };

/**
 * A self-contained MapLibre style: no tiles, no glyphs, no sprites from the internet. The city is
 * drawn from our own GeoJSON: unit grids (fill + outline), towns (bold outline), a selected grid,
 * and events as circles coloured by their light. Layers are data; sources start empty.
 */
export function gridMapStyle(): Record<string, unknown> {
  return {
    version: 8,
    name: 'zhicheng-grid',
    sources: {
      units: { type: 'geojson', data: EMPTY },
      towns: { type: 'geojson', data: EMPTY },
      events: { type: 'geojson', data: EMPTY },
      picked: { type: 'geojson', data: EMPTY },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#e9f0f8' } },
      { id: 'unit-fill', type: 'fill', source: 'units', paint: { 'fill-color': ['case', ['boolean', ['feature-state', 'hover'], false], '#bcd3f2', '#f8fbff'], 'fill-opacity': 0.9 } },
      { id: 'unit-line', type: 'line', source: 'units', paint: { 'line-color': '#8fb0dc', 'line-width': 0.8 } },
      { id: 'town-line', type: 'line', source: 'towns', paint: { 'line-color': '#0b3d91', 'line-width': 2 } },
      {
        id: 'event-dot', type: 'circle', source: 'events',
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 3.5, 13, 7],
          'circle-color': ['match', ['get', 'light'], 'red', LIGHT_COLORS.red, 'yellow', LIGHT_COLORS.yellow, 'green', LIGHT_COLORS.green, LIGHT_COLORS.none],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1.2,
        },
      },
      { id: 'picked-halo', type: 'circle', source: 'picked', paint: { 'circle-radius': 16, 'circle-color': '#f5c542', 'circle-opacity': 0.35 } },
      { id: 'picked-dot', type: 'circle', source: 'picked', paint: { 'circle-radius': 7, 'circle-color': '#c8161d', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2.5 } },
    ],
  };
}
