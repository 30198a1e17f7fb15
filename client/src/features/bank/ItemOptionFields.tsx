import type { BankItemContent } from '@exam/shared/api';
import { CheckboxField } from '../../ui/fields';
import { TextField } from '../../ui/TextField';

export const optionLetters = ['A', 'B', 'C', 'D'] as const;

/**
 * The four options, each with "keep in place", and whether the options are shuffled for each
 * candidate. Native checkboxes with labels: reached with Tab and ticked with Space.
 */
export function ItemOptionFields({
  content,
  onChange,
}: {
  content: BankItemContent;
  onChange(content: BankItemContent): void;
}) {
  function setOption(index: number, text: string) {
    const options = [...content.options] as BankItemContent['options'];
    options[index] = text;
    onChange({ ...content, options });
  }
  function setFixed(index: number, fixed: boolean) {
    const others = content.fixedOptions.filter((i) => i !== index);
    onChange({
      ...content,
      fixedOptions: fixed ? [...others, index].sort((a, b) => a - b) : others,
    });
  }
  return (
    <>
      {content.options.map((option, index) => (
        <div key={index} className="item-option">
          <TextField
            label={`Option ${optionLetters[index]}`}
            value={option}
            onChange={(text) => setOption(index, text)}
          />
          <CheckboxField
            label={`Keep ${optionLetters[index]} in place`}
            checked={content.fixedOptions.includes(index)}
            onChange={(fixed) => setFixed(index, fixed)}
          />
        </div>
      ))}
      <CheckboxField
        label="Shuffle the options for each candidate"
        checked={content.shuffle}
        onChange={(shuffle) => onChange({ ...content, shuffle })}
        hint={
          content.shuffle
            ? 'Options kept in place stay where they are written (say, “All of the above” last); the others are shuffled.'
            : 'Every candidate sees the options in the order written here.'
        }
      />
    </>
  );
}

/** How the options move for candidates, in words, for the read-only view and the form preview. */
export function layoutSummary(content: Pick<BankItemContent, 'shuffle' | 'fixedOptions'>) {
  if (!content.shuffle) return 'Options are shown in the order written.';
  if (content.fixedOptions.length === 0) return 'Options are shuffled for each candidate.';
  // With one option or none left free, the shuffle has nothing to move (option-order.ts).
  const free = optionLetters.length - content.fixedOptions.length;
  if (free <= 1) {
    const kept = free === 0 ? 'every option is' : 'all options but one are';
    return `Options are shown in the order written: ${kept} kept in place, so none moves.`;
  }
  const kept = content.fixedOptions.map((i) => optionLetters[i]).join(' and ');
  return `Options are shuffled for each candidate; ${kept} ${content.fixedOptions.length === 1 ? 'stays' : 'stay'} in place.`;
}
