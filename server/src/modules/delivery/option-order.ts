import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/**
 * The order a candidate sees a question's options in, reproducible from the attempt's recorded
 * seed: `order[displayIndex] = originalIndex`.
 */
export function optionOrder(seed: number, position: number, optionCount = 4): number[] {
  const rng = xoroshiro128plus((seed ^ Math.imul(position, 0x9e3779b1)) | 0);
  const order = Array.from({ length: optionCount }, (_, i) => i);
  for (let i = optionCount - 1; i > 0; i -= 1) {
    const j = uniformInt(rng, 0, i);
    const a = order[i] as number;
    order[i] = order[j] as number;
    order[j] = a;
  }
  return order;
}

export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
