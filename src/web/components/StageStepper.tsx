import { IconCheck } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stage } from '../../contracts/stages.js';
import { stageName, useFormat } from '../i18n/format.js';
import { SIDE_COLOR } from './sides.js';
import classes from './StageStepper.module.css';

interface StageStepperProps {
  stages: Pick<Stage, 'id' | 'nameDe' | 'nameEn' | 'owningSide'>[];
  currentStageId: string;
}

/**
 * Idea → … → Operation with the current stage highlighted. Each dot carries the colour of the
 * side that leads the stage (teal business, indigo IT, gray both). On a phone the steps are
 * numbered dots that all fit, and the current stage is named in a line below.
 */
export function StageStepper({ stages, currentStageId }: StageStepperProps) {
  const { t } = useTranslation();
  const { language } = useFormat();
  const currentIndex = stages.findIndex((s) => s.id === currentStageId);
  const current = stages[currentIndex];
  const listRef = useRef<HTMLOListElement>(null);
  // Where the steps still do not fit (many stages), the current one is scrolled into view.
  useEffect(() => {
    const list = listRef.current;
    const step = list?.querySelector<HTMLElement>('[aria-current="step"]');
    if (!list || !step || list.scrollWidth <= list.clientWidth) return;
    list.scrollLeft = step.offsetLeft - (list.clientWidth - step.offsetWidth) / 2;
  }, [currentStageId, stages.length]);
  return (
    <div>
      <ol className={classes.list} aria-label={t('initiative.stages')} ref={listRef}>
        {stages.map((stage, index) => {
          const state =
            index < currentIndex ? 'done' : index === currentIndex ? 'current' : 'upcoming';
          const name = stageName(stage, language);
          return (
            <li
              key={stage.id}
              className={classes.step}
              data-state={state}
              aria-current={state === 'current' ? 'step' : undefined}
              style={
                {
                  '--step-color': `var(--mantine-color-${SIDE_COLOR[stage.owningSide]}-6)`,
                } as React.CSSProperties
              }
            >
              <span className={classes.dot} aria-hidden>
                {state === 'done' ? <IconCheck size={16} stroke={3} /> : index + 1}
              </span>
              <span className={classes.label}>
                {name}
                <span className="visually-hidden">
                  {' '}
                  (
                  {state === 'done'
                    ? t('initiative.stepDone')
                    : state === 'current'
                      ? t('initiative.stepCurrent')
                      : t('initiative.stepUpcoming')}
                  )
                </span>
              </span>
              <span className={classes.side}>{t(`side.${stage.owningSide}`)}</span>
            </li>
          );
        })}
      </ol>
      {current ? (
        // On a phone the steps are dots only; the current stage is named below them.
        <p className={classes.summary} aria-hidden data-testid="stage-summary">
          {t('initiative.stepOf', { n: currentIndex + 1, total: stages.length })}:{' '}
          <strong>{stageName(current, language)}</strong> · {t(`side.${current.owningSide}`)}
        </p>
      ) : null}
    </div>
  );
}
