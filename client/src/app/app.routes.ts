import { Routes } from '@angular/router';

export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Mission Control',
    loadComponent: () => import('./shell/dashboard-page.component').then((m) => m.DashboardPageComponent),
  },
  {
    path: 'tasks/:id',
    title: 'Task · Mission Control',
    loadComponent: () => import('./task-detail/focused-task-page.component').then((m) => m.FocusedTaskPageComponent),
  },
  { path: '**', redirectTo: '' },
];
