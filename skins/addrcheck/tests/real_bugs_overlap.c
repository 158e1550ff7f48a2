/* Overlapping copies beyond err_overlap's memcpy and strcpy: strncpy,
   strcat and strncat report; memmove, and copies of zero bytes, do not. */
#include <stdio.h>
#include <string.h>

/* Through a volatile pointer, so that the compiler does not warn. */
static char *volatile launder;

static char *hide(char *p)
{
    launder = p;
    return launder;
}

int main(void)
{
    char buf[64] = "0123456789abcdefghij";
    memmove(buf + 3, buf, 20);          /* fine */
    memmove(buf, buf + 5, 10);          /* fine */
    memcpy(hide(buf + 1), buf, 0);      /* nothing copied: fine */
    strncpy(hide(buf + 2), buf, 8);     /* overlap */
    memcpy(buf, "ab\0cd", 6);
    strcat(hide(buf), buf + 3);         /* "cd" moves onto itself: overlap */
    strcpy(buf, "xyz");
    strncat(hide(buf), buf, 2);         /* overlap */
    strcpy(buf + 20, "tail");
    strncat(hide(buf), buf + 20, 2);    /* apart: fine */
    printf("%s\n", buf);
    return 0;
}
