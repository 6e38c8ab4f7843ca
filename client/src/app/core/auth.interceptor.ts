import { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { API_TOKEN } from './api-token';

/** Adds `Authorization: Bearer` when a token is configured. */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const token = inject(API_TOKEN)();
  return next(token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request);
};
