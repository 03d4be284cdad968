import {
  AppShell,
  Burger,
  Container,
  Divider,
  Group,
  Menu,
  NavLink,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAdjustments,
  IconChevronDown,
  IconClockExclamation,
  IconLayoutDashboard,
  IconLayoutGrid,
  IconLayoutList,
  IconLogout,
  IconRoute,
  IconMessageShare,
  IconTarget,
  IconShieldLock,
  IconUser,
  IconUserStar,
  IconUsers,
  type TablerIcon,
} from '@tabler/icons-react';
import { type ReactNode, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import i18n from './i18n/index.js';
import { useLogoutMutation } from './modules/auth/auth.queries.js';
import { useMe } from './queries/session.js';
import { WaitingCountBadge } from './modules/desk/WaitingCountBadge.js';
import { useLiveUpdates } from './lib/live.js';
import { NotificationBell } from './modules/conversation/NotificationBell.js';
import { ColorSchemeToggle } from './components/ColorSchemeToggle.js';
import { LanguageSwitch } from './components/LanguageSwitch.js';
import { PersonAvatar } from './components/PersonChip.js';
import { RouteFallback } from './components/RouteFallback.js';
import { Wordmark } from './components/Wordmark.js';

/** When a session is resumed, the profile's language wins over the browser's. */
function useApplyProfileLanguage(id: string, language: 'de' | 'en') {
  const applied = useRef<string | null>(null);
  useEffect(() => {
    if (applied.current === id) return;
    applied.current = id;
    if (i18n.resolvedLanguage !== language) void i18n.changeLanguage(language);
  }, [id, language]);
}

function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const logout = useLogoutMutation();
  return (
    <Menu position="bottom-end" width={220} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('app.userMenu', { name: me.name })} px={4} py={2}>
          <Group gap={8} wrap="nowrap">
            <PersonAvatar person={me} size="sm" />
            <Text size="sm" fw={500} visibleFrom="sm" maw={160} truncate>
              {me.name}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.email}</Menu.Label>
        <Menu.Item component={Link} to="/profile" leftSection={<IconUser size={16} aria-hidden />}>
          {t('nav.profile')}
        </Menu.Item>
        <Menu.Item
          component={Link}
          to="/privacy"
          leftSection={<IconShieldLock size={16} aria-hidden />}
        >
          {t('nav.privacy')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() =>
            logout.mutate(undefined, {
              onSettled: () => void navigate('/login', { replace: true }),
            })
          }
        >
          {t('nav.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/**
 * One entry of the main navigation. It is "the current page" when the path is `to` unless
 * `current` says otherwise, and it is highlighted when it is current unless `active` widens
 * it (a goal's own page keeps "Goals" highlighted, but only the list is the current page).
 */
function NavItem({
  to,
  label,
  icon: Icon,
  rightSection,
  current,
  active,
}: {
  to: string;
  label: string;
  icon: TablerIcon;
  rightSection?: ReactNode;
  current?: boolean;
  active?: boolean;
}) {
  const location = useLocation();
  const isCurrent = current ?? location.pathname === to;
  return (
    <NavLink
      component={Link}
      to={to}
      label={label}
      leftSection={<Icon size={18} aria-hidden />}
      rightSection={rightSection}
      active={active ?? isCurrent}
      aria-current={isCurrent ? 'page' : undefined}
    />
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  useApplyProfileLanguage(me.id, me.language);
  useLiveUpdates();
  useEffect(close, [location.pathname, location.search, close]);

  const onList = location.pathname === '/initiatives';
  const mine = new URLSearchParams(location.search).get('mine') === 'true';

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'md', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="md"
              size="sm"
              aria-label={t('app.toggleNavigation')}
            />
            <UnstyledButton component={Link} to="/" aria-label="Tandem">
              <Wordmark size="md" />
            </UnstyledButton>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <NotificationBell />
            <LanguageSwitch />
            <ColorSchemeToggle />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="nav" aria-label={t('app.mainNavigation')}>
        <AppShell.Section grow>
          <NavItem
            to="/"
            label={t('desk.nav')}
            icon={IconLayoutDashboard}
            rightSection={<WaitingCountBadge />}
          />
          <NavItem
            to="/initiatives"
            label={t('nav.allInitiatives')}
            icon={IconLayoutList}
            current={onList && !mine}
            active={(onList && !mine) || location.pathname.startsWith('/initiatives/')}
          />
          <NavItem
            to="/initiatives?mine=true"
            label={t('nav.myInitiatives')}
            icon={IconUserStar}
            current={onList && mine}
          />
          <NavItem to="/portfolio" label={t('portfolio.nav')} icon={IconLayoutGrid} />
          <NavItem
            to="/handoffs/attention"
            label={t('handoffs.navAttention')}
            icon={IconClockExclamation}
          />
          <NavItem
            to="/goals"
            label={t('goals.nav')}
            icon={IconTarget}
            active={location.pathname.startsWith('/goals/') || location.pathname === '/goals'}
          />
          {me.role === 'admin' ? (
            <>
              <Divider my="sm" />
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pb={4}>
                {t('nav.admin')}
              </Text>
              <NavItem to="/admin/users" label={t('nav.users')} icon={IconUsers} />
              <NavItem to="/admin/stages" label={t('nav.stages')} icon={IconRoute} />
              <NavItem to="/admin/privacy" label={t('nav.privacyAdmin')} icon={IconShieldLock} />
              <NavItem to="/admin/health" label={t('healthAdmin.nav')} icon={IconAdjustments} />
              <NavItem
                to="/admin/channels"
                label={t('channels.adminTitle')}
                icon={IconMessageShare}
              />
            </>
          ) : null}
        </AppShell.Section>
        <AppShell.Section>
          <Text size="xs" c="dimmed" px="sm">
            {t('app.tagline')}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Container size="xl" px={0}>
          <Suspense fallback={<RouteFallback />}>
            <Outlet />
          </Suspense>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
