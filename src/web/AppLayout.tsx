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
  IconArrowsExchange,
  IconChevronDown,
  IconClockExclamation,
  IconLayoutGrid,
  IconLayoutList,
  IconLogout,
  IconRoute,
  IconTarget,
  IconUser,
  IconUserStar,
  IconUsers,
} from '@tabler/icons-react';
import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import i18n from './i18n/index.js';
import { useLogoutMutation } from './modules/auth/auth.queries.js';
import { useMe } from './queries/session.js';
import { WaitingCountBadge } from './modules/desk/WaitingCountBadge.js';
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

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  useApplyProfileLanguage(me.id, me.language);
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
            <UnstyledButton component={Link} to="/initiatives" aria-label="Tandem">
              <Wordmark size="md" />
            </UnstyledButton>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <ColorSchemeToggle />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="nav" aria-label={t('app.mainNavigation')}>
        <AppShell.Section grow>
          <NavLink
            component={Link}
            to="/initiatives"
            label={t('nav.allInitiatives')}
            leftSection={<IconLayoutList size={18} aria-hidden />}
            active={(onList && !mine) || location.pathname.startsWith('/initiatives/')}
            aria-current={onList && !mine ? 'page' : undefined}
          />
          <NavLink
            component={Link}
            to="/initiatives?mine=true"
            label={t('nav.myInitiatives')}
            leftSection={<IconUserStar size={18} aria-hidden />}
            active={onList && mine}
            aria-current={onList && mine ? 'page' : undefined}
          />
          <NavLink
            component={Link}
            to="/portfolio"
            label={t('portfolio.nav')}
            leftSection={<IconLayoutGrid size={18} aria-hidden />}
            active={location.pathname === '/portfolio'}
            aria-current={location.pathname === '/portfolio' ? 'page' : undefined}
          />
          <NavLink
            component={Link}
            to="/handoffs/mine"
            label={t('handoffs.nav')}
            leftSection={<IconArrowsExchange size={18} aria-hidden />}
            rightSection={<WaitingCountBadge />}
            active={location.pathname === '/handoffs/mine'}
            aria-current={location.pathname === '/handoffs/mine' ? 'page' : undefined}
          />
          <NavLink
            component={Link}
            to="/handoffs/attention"
            label={t('handoffs.navAttention')}
            leftSection={<IconClockExclamation size={18} aria-hidden />}
            active={location.pathname === '/handoffs/attention'}
            aria-current={location.pathname === '/handoffs/attention' ? 'page' : undefined}
          />
          <NavLink
            component={Link}
            to="/goals"
            label={t('goals.nav')}
            leftSection={<IconTarget size={18} aria-hidden />}
            active={location.pathname === '/goals' || location.pathname.startsWith('/goals/')}
            aria-current={location.pathname === '/goals' ? 'page' : undefined}
          />
          {me.role === 'admin' ? (
            <>
              <Divider my="sm" />
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pb={4}>
                {t('nav.admin')}
              </Text>
              <NavLink
                component={Link}
                to="/admin/users"
                label={t('nav.users')}
                leftSection={<IconUsers size={18} aria-hidden />}
                active={location.pathname === '/admin/users'}
                aria-current={location.pathname === '/admin/users' ? 'page' : undefined}
              />
              <NavLink
                component={Link}
                to="/admin/stages"
                label={t('nav.stages')}
                leftSection={<IconRoute size={18} aria-hidden />}
                active={location.pathname === '/admin/stages'}
                aria-current={location.pathname === '/admin/stages' ? 'page' : undefined}
              />
              <NavLink
                component={Link}
                to="/admin/health"
                label={t('healthAdmin.nav')}
                leftSection={<IconAdjustments size={18} aria-hidden />}
                active={location.pathname === '/admin/health'}
                aria-current={location.pathname === '/admin/health' ? 'page' : undefined}
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
