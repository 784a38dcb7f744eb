import { describe, expect, it } from 'vitest';
import { projectToLocalMetres } from './local-metres';

describe('projectToLocalMetres', () => {
  it('puts Vietnamese points in UTM 48N with true distances', () => {
    // Cần Thơ (105.78° E) and a point 0.01° of latitude north: about 1,106 m apart on the WGS 84 ellipsoid.
    const projected = projectToLocalMetres([105.78, 105.78], [10.03, 10.04]);
    const { x, y, system } = projected;
    expect(system).toBe('EPSG:32648 WGS 84 / UTM 48N');
    const distance = Math.hypot((x[1] as number) - (x[0] as number), (y[1] as number) - (y[0] as number));
    expect(distance).toBeGreaterThan(1100);
    expect(distance).toBeLessThan(1110);
    const [longitude, latitude] = projected.toLongitudeLatitude(x[1] as number, y[1] as number);
    expect(longitude).toBeCloseTo(105.78, 9);
    expect(latitude).toBeCloseTo(10.04, 9);
  });

  it('chooses the zone of the mean longitude, south of the equator too', () => {
    expect(projectToLocalMetres([151.2], [-33.9]).system).toBe('EPSG:32756 WGS 84 / UTM 56S');
  });
});
