import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef, useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { RiskClass } from '../../../contracts/initiatives.js';
import type { RiskAnswers } from '../../../domain/risk.js';
import i18n from '../../i18n/index.js';
import { renderWithProviders } from '../../test-utils.js';
import { RiskQuestionnaire } from './RiskQuestionnaire.js';

/** Holds the state the way the initiative form does: the class follows until picked. */
function Harness({ initialClass = 'minimal' as RiskClass }) {
  const [answers, setAnswers] = useState<RiskAnswers>({});
  const [riskClass, setRiskClass] = useState<RiskClass>(initialClass);
  const [justification, setJustification] = useState('');
  const touched = useRef(false);
  return (
    <RiskQuestionnaire
      answers={answers}
      riskClass={riskClass}
      justification={justification}
      onAnswersChange={(next, suggested) => {
        setAnswers(next);
        if (!touched.current) setRiskClass(suggested);
      }}
      onRiskClassChange={(c) => {
        touched.current = true;
        setRiskClass(c);
      }}
      onJustificationChange={setJustification}
    />
  );
}

const answer = async (question: RegExp, value: 'Yes' | 'No') => {
  const group = screen.getByRole('radiogroup', { name: question });
  await userEvent.click(within(group).getByRole('radio', { name: value }));
};

describe('RiskQuestionnaire', () => {
  it('updates the suggestion as questions are answered and lets the class follow', async () => {
    renderWithProviders(<Harness />);
    expect(screen.getByText('Suggested: Minimal risk')).toBeInTheDocument();
    expect(screen.getByText('7 questions not answered yet')).toBeInTheDocument();

    await answer(/interact with it directly/i, 'Yes');
    expect(screen.getByText('Suggested: Limited risk')).toBeInTheDocument();

    await answer(/recruiting, selecting applicants/i, 'Yes');
    expect(screen.getByText('Suggested: High risk')).toBeInTheDocument();
    const chosen = screen.getByRole('radiogroup', { name: /^Risk class/ });
    expect(within(chosen).getByRole('radio', { name: 'High' })).toBeChecked();
    expect(screen.getByText('5 questions not answered yet')).toBeInTheDocument();

    // Following the suggestion needs no justification.
    expect(screen.queryByLabelText(/Justification for the milder class/)).not.toBeInTheDocument();
  });

  it('asks for a justification when the chosen class is milder than suggested', async () => {
    renderWithProviders(<Harness />);
    await answer(/recruiting, selecting applicants/i, 'Yes');
    const chosen = screen.getByRole('radiogroup', { name: /^Risk class/ });
    await userEvent.click(within(chosen).getByRole('radio', { name: 'Limited' }));

    const justification = screen.getByLabelText(/Justification for the milder class/);
    await userEvent.type(justification, 'Only suggests; a person decides.');
    expect(justification).toHaveValue('Only suggests; a person decides.');

    // Once picked, the class no longer follows the answers.
    await answer(/recruiting, selecting applicants/i, 'No');
    expect(screen.getByText('Suggested: Minimal risk')).toBeInTheDocument();
    expect(within(chosen).getByRole('radio', { name: 'Limited' })).toBeChecked();
    expect(screen.queryByLabelText(/Justification for the milder class/)).not.toBeInTheDocument();
  });

  it('asks the questions in German', async () => {
    await i18n.changeLanguage('de');
    renderWithProviders(<Harness />);
    expect(screen.getByRole('radiogroup', { name: /Personalauswahl/ })).toBeInTheDocument();
    expect(screen.getByText('Vorschlag: Minimales Risiko')).toBeInTheDocument();
  });
});
