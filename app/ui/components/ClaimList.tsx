// The sentences explaining a result (Explore, Sweep, Optimize, Design): one list item per claim,
// tagged with the claim's id so tests and styles can find a given claim.
import { For } from 'solid-js';

export function ClaimList(props: { claims: readonly { id: string; text: string }[]; testId?: string }) {
  return (
    <ul class="explanations" data-testid={props.testId}>
      <For each={props.claims}>{(c) => <li data-claim={c.id}>{c.text}</li>}</For>
    </ul>
  );
}
