import { Alert, Badge, Group, Paper, Radio, Stack, Text, Textarea } from '@mantine/core';
import { IconScale } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RiskClass } from '../../../contracts/initiatives.js';
import {
  isBelowSuggestion,
  RISK_CLASSES,
  RISK_QUESTIONS,
  suggestRiskClass,
  type RiskAnswers,
} from '../../../domain/risk.js';
import { RiskBadge } from '../../components/Badges.js';
import { useFormat } from '../../i18n/format.js';

export interface RiskQuestionnaireProps {
  answers: RiskAnswers;
  riskClass: RiskClass;
  justification: string;
  /**
   * Called with the new answers and the class they suggest, so the parent can let the chosen
   * class follow the suggestion until the person picks one themselves.
   */
  onAnswersChange: (answers: RiskAnswers, suggested: RiskClass) => void;
  onRiskClassChange: (riskClass: RiskClass) => void;
  onJustificationChange: (value: string) => void;
  errors?: { riskClass?: React.ReactNode; riskJustification?: React.ReactNode };
  disabled?: boolean;
}

/**
 * The guided EU AI Act questionnaire: yes/no per question in the UI language, a live
 * suggestion, the chosen class, and a justification when the choice is milder.
 */
export function RiskQuestionnaire({
  answers,
  riskClass,
  justification,
  onAnswersChange,
  onRiskClassChange,
  onJustificationChange,
  errors = {},
  disabled = false,
}: RiskQuestionnaireProps) {
  const { t } = useTranslation();
  const { language } = useFormat();
  const suggested = suggestRiskClass(answers);
  const below = isBelowSuggestion(riskClass, answers);
  const unanswered = RISK_QUESTIONS.filter((q) => answers[q.id] === undefined).length;

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('risk.intro')}
      </Text>
      <Stack gap={0}>
        {RISK_QUESTIONS.map((question, index) => {
          const value = answers[question.id];
          return (
            <Group
              key={question.id}
              justify="space-between"
              align="center"
              wrap="nowrap"
              gap="md"
              py="sm"
              style={{
                borderTop:
                  index === 0 ? undefined : '1px solid var(--mantine-color-default-border)',
              }}
            >
              <Radio.Group
                style={{ flex: 1 }}
                label={question[language]}
                labelProps={{ fw: 400, fz: 'sm' }}
                value={value === undefined ? null : value ? 'yes' : 'no'}
                onChange={(v) => {
                  const next = { ...answers, [question.id]: v === 'yes' };
                  onAnswersChange(next, suggestRiskClass(next));
                }}
                readOnly={disabled}
              >
                <Group gap="lg" mt={6}>
                  <Radio value="yes" label={t('common.yes')} disabled={disabled} />
                  <Radio value="no" label={t('common.no')} disabled={disabled} />
                </Group>
              </Radio.Group>
            </Group>
          );
        })}
      </Stack>

      <Paper withBorder radius="md" p="md" bg="var(--mantine-color-default-hover)">
        <Stack gap="sm">
          <Group gap="sm">
            <IconScale size={18} aria-hidden />
            <Text size="sm" fw={600} component="span" aria-hidden>
              {t('risk.suggestedLabel')}
            </Text>
            <RiskBadge riskClass={suggested} size="lg" aria-hidden />
            <span className="visually-hidden" aria-live="polite" aria-atomic>
              {t('risk.suggested', { class: t(`risk.badge.${suggested}`) })}
            </span>
            {unanswered > 0 ? (
              <Badge variant="outline" color="gray" radius="sm">
                {t('risk.unanswered', { count: unanswered })}
              </Badge>
            ) : null}
          </Group>
          <Radio.Group
            label={t('risk.chosen')}
            description={t('risk.chosenHint')}
            value={riskClass}
            onChange={(v) => onRiskClassChange(v as RiskClass)}
            error={errors.riskClass}
            readOnly={disabled}
          >
            <Group gap="lg" mt="xs">
              {RISK_CLASSES.map((c) => (
                <Radio key={c} value={c} label={t(`risk.class.${c}`)} disabled={disabled} />
              ))}
            </Group>
          </Radio.Group>
          {below ? (
            <>
              <Alert variant="light" color="blue" p="xs">
                <Text size="sm">{t('risk.belowSuggestion')}</Text>
              </Alert>
              <Textarea
                label={t('risk.justification')}
                required
                autosize
                minRows={3}
                maxRows={8}
                value={justification}
                onChange={(e) => onJustificationChange(e.currentTarget.value)}
                error={errors.riskJustification}
                disabled={disabled}
              />
            </>
          ) : null}
        </Stack>
      </Paper>
    </Stack>
  );
}
