import { onBeforeUnmount, onMounted, ref, shallowRef, type Ref } from 'vue';
import type { Map as MapLibreMap, MapMouseEvent, GeoJSONSource, LngLatBoundsLike, StyleSpecification } from 'maplibre-gl';

export type MapState = 'loading' | 'ready' | 'failed';

export interface MapOptions {
  style: Record<string, unknown>;
  bounds: LngLatBoundsLike;
  /** Layers whose features answer clicks. */
  clickable?: string[];
  onClick?: (layer: string, properties: Record<string, unknown>, lngLat: { lng: number; lat: number }) => void;
  /** Clicks on the map outside clickable features (e.g. to place a report). */
  onMapClick?: (lngLat: { lng: number; lat: number }) => void;
}

/**
 * Owns one MapLibre map on `el`: loads the library on demand (its own chunk), sets the worker URL
 * (no blob workers needed), creates the map with a self-contained style, queues source updates
 * until the style has loaded, and removes the map on unmount. `state` is `failed` where WebGL is
 * unavailable; the page's data (and its data attributes) stay usable then.
 */
export function useMapLibre(el: Ref<HTMLElement | null | undefined>, opts: MapOptions) {
  const map = shallowRef<MapLibreMap>();
  const state = ref<MapState>('loading');
  const pending = new Map<string, unknown>();
  let disposed = false;

  function flush(): void {
    const m = map.value;
    if (!m || !m.isStyleLoaded()) return;
    for (const [id, data] of pending) (m.getSource(id) as GeoJSONSource | undefined)?.setData(data as never);
    pending.clear();
  }

  /** Replaces the GeoJSON of source `id` (now, or as soon as the style has loaded). */
  function setData(id: string, data: unknown): void {
    pending.set(id, data);
    flush();
  }

  function fitBounds(bounds: LngLatBoundsLike): void {
    map.value?.fitBounds(bounds, { padding: 24, duration: 0 });
  }

  /** Centres the map on a point, zooming in to street level if it is further out. */
  function focus(lon: number, lat: number): void {
    const m = map.value;
    if (m) m.easeTo({ center: [lon, lat], zoom: Math.max(m.getZoom(), 13), duration: 300 });
  }

  onMounted(async () => {
    try {
      const lib = await import('maplibre-gl');
      const maplibregl = ((lib as unknown as { default?: typeof lib }).default ?? lib) as typeof lib;
      const { default: workerUrl } = await import('maplibre-gl/dist/maplibre-gl-csp-worker.js?url');
      maplibregl.setWorkerUrl(workerUrl);
      if (disposed || !el.value) return;
      const m = new maplibregl.Map({
        container: el.value, style: opts.style as unknown as StyleSpecification, bounds: opts.bounds, fitBoundsOptions: { padding: 16 },
        attributionControl: false, dragRotate: false, pitchWithRotate: false, maxPitch: 0,
      });
      m.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
      m.touchZoomRotate.disableRotation();
      map.value = m;
      m.on('load', () => {
        state.value = 'ready';
        flush();
      });
      m.on('error', (e) => {
        if (state.value === 'loading') state.value = 'failed';
        console.warn('map:', (e as { error?: Error }).error?.message);
      });
      for (const layer of opts.clickable ?? []) {
        m.on('mouseenter', layer, () => { m.getCanvas().style.cursor = 'pointer'; });
        m.on('mouseleave', layer, () => { m.getCanvas().style.cursor = ''; });
      }
      m.on('click', (e: MapMouseEvent) => {
        const hits = (opts.clickable ?? []).length ? m.queryRenderedFeatures(e.point, { layers: opts.clickable }) : [];
        const hit = hits[0];
        if (hit) opts.onClick?.(hit.layer.id, hit.properties ?? {}, e.lngLat);
        else opts.onMapClick?.(e.lngLat);
      });
    } catch (err) {
      state.value = 'failed';
      console.warn('map unavailable:', (err as Error).message);
    }
  });

  onBeforeUnmount(() => {
    disposed = true;
    map.value?.remove();
    map.value = undefined;
  });

  return { map, state, setData, fitBounds, focus };
}
